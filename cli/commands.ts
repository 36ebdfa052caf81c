import { parseArgs } from 'node:util';
import { isRole, roles } from '../auth/schema';
import type { Db } from '../db/connection';
import { isActiveStaff } from '../db/staff-accounts';
import {
  AuthError,
  createApiToken,
  createUser,
  disableUser,
  findByEmail,
  listApiTokens,
  listUsers,
  normaliseEmail,
  revokeApiToken,
  setPassword,
  staffActor,
} from '../auth/users';
import type { ErasureRequest, ErasureResult } from '../features/privacy/erase-partner';
import type { RewrapResult } from '../privacy/rewrap-data-keys';

/** A mistake by the person at the keyboard: shown as one line, exit code 1, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

export interface CliIo {
  /** Result lines (stdout): what a script may capture, e.g. a new token. */
  out(line: string): void;
  /** Notes for the person (stderr). */
  note(line: string): void;
  /** A new password (PACT_NEW_PASSWORD, or asked without echo on a terminal). */
  readPassword(): Promise<string>;
  /** Erases a partner's personal data (features/privacy/erase-partner.ts); cli/pact.ts connects to Temporal for it. */
  erasePartner?(request: ErasureRequest): Promise<ErasureResult>;
  /** Makes a new version of an owner's data key (privacy/data-keys.ts); returns its id. */
  rotateDataKey?(owner: string): Promise<string>;
  /** Wraps every data key by PACT_NEW_MASTER_KEY instead of PACT_MASTER_KEY (privacy/rewrap-data-keys.ts). */
  rewrapDataKeys?(): Promise<RewrapResult>;
}

const synopsis: Record<string, string> = {
  'user add': `user add --email E --name N --role ${roles.join('|')}   (password from PACT_NEW_PASSWORD, or asked)`,
  'user list': 'user list',
  'user disable': 'user disable --email E',
  'user set-password': 'user set-password <email>   (password from PACT_NEW_PASSWORD, or asked; ends its sessions)',
  'token create': 'token create --email E --label L   (prints the token once)',
  'token list': 'token list',
  'token revoke': 'token revoke --id <first 8+ characters of the token id>',
  'partner erase':
    'partner erase <partner id> --reason R --by <administrator email>   (ends its workflows, deletes its personal data and key)',
  'key rotate': 'key rotate <partner id|_global>   (a new data key version for new payloads)',
  'key rewrap':
    'key rewrap   (wraps every data key by the master key in PACT_NEW_MASTER_KEY; stop the API and worker first)',
};
const required: Record<string, Array<'email' | 'name' | 'role' | 'label' | 'id' | 'reason' | 'by'>> = {
  'user add': ['email', 'name', 'role'],
  'user disable': ['email'],
  'user set-password': ['email'],
  'token create': ['email', 'label'],
  'token revoke': ['id'],
  'partner erase': ['reason', 'by'],
};
export const usage = ['usage: npm run pact -- <command>', ...Object.values(synopsis).map((line) => `  ${line}`)].join(
  '\n',
);
const seeHelp = 'run "npm run pact -- help" for the commands';

/** Runs one command against the database; throws CliError or AuthError for expected refusals. */
export async function runCommand(db: Db, argv: string[], io: CliIo): Promise<void> {
  const { command, values, subject } = parseCommand(argv);
  const need = (name: keyof typeof values): string => values[name]?.trim() ?? '';
  const user = async (email: string) => {
    const found = await findByEmail(db, email);
    if (!found || !isActiveStaff(found))
      throw new CliError(`There is no active staff user with email ${normaliseEmail(email)}.`);
    return found;
  };
  const short = (id: string) => id.slice(0, 12);
  const time = (date: Date | null) => date?.toISOString() ?? '-';

  switch (command) {
    case 'user add': {
      const created = await createUser(db, {
        email: need('email'),
        name: need('name'),
        role: need('role'),
        password: await io.readPassword(),
      });
      io.note(`Added ${created.email} (${created.role}) with id ${created.id}.`);
      return;
    }
    case 'user list': {
      const users = await listUsers(db);
      io.out(['id', 'email', 'name', 'role', 'created', 'disabled'].join('\t'));
      for (const u of users)
        io.out([u.id, u.email, u.name, u.role, time(u.created_at), time(u.disabled_at)].join('\t'));
      return;
    }
    case 'user disable': {
      const email = need('email');
      await disableUser(db, email);
      io.note(`Disabled ${normaliseEmail(email)}: its sessions are ended and its tokens revoked.`);
      return;
    }
    case 'user set-password': {
      const email = need('email');
      await setPassword(db, email, await io.readPassword());
      io.note(`Set a new password for ${normaliseEmail(email)}; its sessions are ended.`);
      return;
    }
    case 'token create': {
      const owner = await user(need('email'));
      const { id, token } = await createApiToken(db, owner.id, need('label'));
      io.out(token);
      io.note(
        `This token for ${owner.email} is shown only once; keep it secret. Its id is ${short(id)} (revoke with: npm run pact -- token revoke --id ${short(id)}).`,
      );
      return;
    }
    case 'token list': {
      const tokens = await listApiTokens(db);
      io.out(['id', 'email', 'label', 'created', 'last used', 'revoked'].join('\t'));
      for (const t of tokens)
        io.out(
          [short(t.id), t.email, t.label, time(t.created_at), time(t.last_used_at), time(t.revoked_at)].join('\t'),
        );
      return;
    }
    case 'token revoke': {
      const id = await revokeApiToken(db, need('id'));
      io.note(`Revoked token ${short(id)}.`);
      return;
    }
    case 'partner erase': {
      if (!io.erasePartner) throw new CliError('Erasing needs Temporal: run it with npm run pact.');
      // The audit row names the administrator who asked, as the API's route does.
      const admin = await user(need('by'));
      if (admin.role !== 'admin')
        throw new CliError(`Only an administrator may erase personal data; ${admin.email} is ${admin.role}.`);
      const result = await io.erasePartner({ partnerId: subject!, reason: need('reason'), by: staffActor(admin) });
      io.note(
        result.alreadyErased
          ? `The personal data of ${result.partnerId} was already erased on ${time(result.erasedAt)}; nothing more was done.`
          : `Erased the personal data of ${result.partnerId}; workflows ended: ${result.workflowsEnded.join(', ') || 'none'}.`,
      );
      return;
    }
    case 'key rotate': {
      if (!io.rotateDataKey) throw new CliError('Rotating needs PACT_MASTER_KEY: run it with npm run pact.');
      io.note(`New payloads of ${subject} now use data key ${await io.rotateDataKey(subject!)}.`);
      return;
    }
    case 'key rewrap': {
      if (!io.rewrapDataKeys) throw new CliError('Re-wrapping needs PACT_MASTER_KEY: run it with npm run pact.');
      const { rewrapped, alreadyNew } = await io.rewrapDataKeys();
      io.note(
        `Re-wrapped ${rewrapped} data keys by the new master key${alreadyNew ? ` (${alreadyNew} already were)` : ''}. ` +
          'Now set PACT_MASTER_KEY to the new key everywhere, keep a copy (docs/privacy.md), and start the API and the worker.',
      );
      return;
    }
    default:
      io.out(usage);
  }
}

/** Checks the command and its options before anything touches the database. */
export function parseCommand(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        label: { type: 'string' },
        id: { type: 'string' },
        reason: { type: 'string' },
        by: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]}; ${seeHelp}.`);
  }
  let positionals = parsed.positionals;
  // `user set-password <email>` reads best with the email as a plain argument.
  if (positionals.length === 3 && positionals.slice(0, 2).join(' ') === 'user set-password') {
    parsed.values.email ??= positionals[2];
    positionals = positionals.slice(0, 2);
  }
  // `partner erase <id>` and `key rotate <owner>`: the commands with an argument of their own.
  const pair = positionals.slice(0, 2).join(' ');
  const withSubject = pair === 'partner erase' || pair === 'key rotate';
  const command = withSubject ? pair : positionals.join(' ');
  const subject = withSubject ? positionals[2] : undefined;
  if (withSubject && (!subject || positionals.length > 3))
    throw new CliError(`Name one partner: npm run pact -- ${synopsis[command]}`);
  if (command !== '' && command !== 'help' && !(command in synopsis))
    throw new CliError(`Unknown command "${command}"; ${seeHelp}.`);
  for (const name of required[command] ?? []) {
    if (!parsed.values[name]?.trim()) throw new CliError(`--${name} is required: npm run pact -- ${synopsis[command]}`);
  }
  const role = parsed.values.role?.trim();
  if (role !== undefined && !isRole(role))
    throw new CliError(`Unknown role "${role}": use one of ${roles.join(', ')}.`);
  return { command, values: parsed.values, subject };
}

export const isExpected = (error: unknown): error is Error => error instanceof CliError || error instanceof AuthError;
