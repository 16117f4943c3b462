/** The stand-in's HTTPS certificate (@jitsi/react-sdk loads external_api.js over HTTPS only). */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

type Pems = { key: string; cert: string };

function usableCertificate(pems: Pems): boolean {
  try {
    const cert = new X509Certificate(pems.cert);
    const validTo = new Date(cert.validTo).getTime();
    return validTo - Date.now() > 24 * 3600 * 1000 && cert.checkHost('localhost') !== undefined && cert.checkIP('127.0.0.1') !== undefined && cert.checkPrivateKey(createPrivateKey(pems.key));
  } catch {
    return false;
  }
}

/**
 * A self-signed certificate for localhost/127.0.0.1/::1: the cached one while it is valid for more than a
 * day, otherwise a new one (cached in `certDir` when given, so a browser exception survives restarts).
 */
export async function loadCertificate(certDir: string | null): Promise<Pems> {
  if (certDir) {
    try {
      const pems = { key: await readFile(path.join(certDir, 'key.pem'), 'utf8'), cert: await readFile(path.join(certDir, 'cert.pem'), 'utf8') };
      if (usableCertificate(pems)) return pems;
    } catch {
      // no cached certificate yet
    }
  }
  const generated = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  const pems = { key: generated.private, cert: generated.cert };
  if (certDir) {
    try {
      await mkdir(certDir, { recursive: true, mode: 0o700 });
      const suffix = `.${process.pid}.tmp`;
      await writeFile(path.join(certDir, `key.pem${suffix}`), pems.key, { mode: 0o600 });
      await writeFile(path.join(certDir, `cert.pem${suffix}`), pems.cert);
      await rename(path.join(certDir, `key.pem${suffix}`), path.join(certDir, 'key.pem'));
      await rename(path.join(certDir, `cert.pem${suffix}`), path.join(certDir, 'cert.pem'));
    } catch (error) {
      console.warn(`jitsi-standin: could not cache the certificate in ${certDir}: ${(error as Error).message}`);
    }
  }
  return pems;
}
