import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway certificate authority built with the `openssl` CLI (tests only, CONN-05). It
 * issues server certificates that are valid for the given hosts, valid for another host only
 * (wrong host name), or already expired. Expiry uses `openssl ca -startdate/-enddate`, which
 * OpenSSL 3.0 supports (`x509 -not_before` only arrived in 3.4), so no faketime is needed.
 */
export interface IssuedCert {
  certPem: string;
  keyPem: string;
}

export interface TestCa {
  readonly dir: string;
  readonly caCertPem: string;
  issue(options: { commonName: string; hosts: string[]; expired?: boolean }): Promise<IssuedCert>;
  remove(): Promise<void>;
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 30_000 });
}

/** openssl's ca date format, UTC: YYYYMMDDHHMMSSZ. */
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export async function createTestCa(name = 'Warden Test CA'): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-ca-'));
  await mkdir(join(dir, 'newcerts'));
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(
    join(dir, 'req-ca.cnf'),
    [
      '[ req ]',
      'distinguished_name = dn',
      'prompt = no',
      'x509_extensions = v3_ca',
      '[ dn ]',
      `CN = ${name}`,
      '[ v3_ca ]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir/newcerts',
      'certificate = $dir/ca.crt',
      'private_key = $dir/ca.key',
      'serial = $dir/serial',
      'default_md = sha256',
      'default_days = 30',
      'policy = policy_any',
      'unique_subject = no',
      'copy_extensions = none',
      '[ policy_any ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  await openssl(['req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-config', 'req-ca.cnf'], dir);
  const caCertPem = await readFile(join(dir, 'ca.crt'), 'utf8');
  let serial = 0;

  return {
    dir,
    caCertPem,
    async issue({ commonName, hosts, expired = false }) {
      const id = `server${++serial}`;
      const san = hosts.map((h) => (/^[0-9.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`)).join(', ');
      await writeFile(
        join(dir, `${id}.ext`),
        [
          '[ v3_server ]',
          'basicConstraints = critical, CA:FALSE',
          'keyUsage = critical, digitalSignature, keyEncipherment',
          'extendedKeyUsage = serverAuth',
          `subjectAltName = ${san}`,
          '',
        ].join('\n'),
      );
      await openssl(['req', '-new', ...ecKey, '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=${commonName}`], dir);
      const day = 24 * 3600 * 1000;
      const now = Date.now();
      const [start, end] = expired ? [new Date(now - 30 * day), new Date(now - 2 * day)] : [new Date(now - day), new Date(now + 30 * day)];
      await openssl(
        [
          'ca', '-batch', '-config', 'ca.cnf', '-notext',
          '-in', `${id}.csr`, '-out', `${id}.crt`,
          '-startdate', asn1Time(start), '-enddate', asn1Time(end),
          '-extfile', `${id}.ext`, '-extensions', 'v3_server',
        ],
        dir,
      );
      return {
        certPem: await readFile(join(dir, `${id}.crt`), 'utf8'),
        keyPem: await readFile(join(dir, `${id}.key`), 'utf8'),
      };
    },
    async remove() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
