import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config';

/** The SMTP connection every email goes out through (nodemailer over SMTP_URL). */
export type Mailer = Transporter;

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFromName' | 'dkim'>): Mailer {
  if (!config.smtpUrl) throw new Error('SMTP_URL is not set: it names the SMTP server every email goes out through');
  const url = new URL(config.smtpUrl);
  const mailer = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A local catcher speaks plain SMTP; a real relay upgrades with STARTTLS when it offers it.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    // Reuse SMTP connections: one handshake per burst of emails, not per email.
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(config.dkim ? { dkim: config.dkim } : {}),
  });
  // The sender's name belongs to this connection's configuration, not to each caller: a plain
  // MAIL_FROM address becomes "vzw Integratiepact" <MAIL_FROM>.
  mailer.use('compile', (mail, done) => {
    if (typeof mail.data.from === 'string') mail.data.from = { name: config.mailFromName, address: mail.data.from };
    done();
  });
  return mailer;
}
