import nodemailer, { type Transporter } from 'nodemailer';

/** The SMTP connection every email goes out through (nodemailer over SMTP_URL). */
export type Mailer = Transporter;

export function createMailer(smtpUrl: string): Mailer {
  const url = new URL(smtpUrl);
  return nodemailer.createTransport({
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
  });
}
