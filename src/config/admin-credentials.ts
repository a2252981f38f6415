/** One access key a signed call may use. */
export interface AdminCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

/** `ID:SECRET[,ID:SECRET…]` → credentials, or an error message. */
export function parseAdminCredentials(text: string): AdminCredential[] | string {
  const out: AdminCredential[] = [];
  for (const entry of text.split(',')) {
    const colon = entry.indexOf(':');
    const accessKeyId = entry.slice(0, colon).trim();
    const secretAccessKey = entry.slice(colon + 1).trim();
    if (colon < 0 || !/^[A-Za-z0-9]{16,128}$/.test(accessKeyId) || secretAccessKey.length < 16) {
      return 'must be ACCESS_KEY_ID:SECRET_ACCESS_KEY pairs separated by commas (key ids of 16 to 128 letters and digits, secrets of at least 16 characters)';
    }
    out.push({ accessKeyId, secretAccessKey });
  }
  return out;
}
