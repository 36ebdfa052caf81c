import { ConfigError } from '../config/config';

/** A port `npm start` or `npm run temporal:cluster` listens on: the setting `name`, else `fallback`. */
export function devPort(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`${name} must be a port number (1-65535), got "${value}"`);
  return port;
}
