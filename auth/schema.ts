import type { ColumnType, Generated } from 'kysely';

/** `admin` may do everything; `director` and `staff` do staff work; a route may narrow this. */
export const roles = ['staff', 'director', 'admin'] as const;
export type Role = (typeof roles)[number];
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A staff account; `email` is stored lower-cased (migration 003 checks it). */
export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (auth/passwords.ts). */
  password_hash: string;
  created_at: CreatedAt;
  disabled_at: NullableTime;
}

/** A browser session; `id` is the SHA-256 hex of the cookie's token, never the token itself. */
export interface StaffSessionsTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A bearer token for scripts; `id` is the SHA-256 hex of the token, shown once at creation. */
export interface ApiTokensTable {
  id: string;
  user_id: number;
  label: string;
  created_at: CreatedAt;
  last_used_at: NullableTime;
  revoked_at: NullableTime;
}

export type AuthTables = {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_tokens: ApiTokensTable;
};
