import type { RemoteFiles } from './session.js';

/**
 * Creates a remote folder (and its parents) unless it is already there. A symlink is taken as
 * the partner's way of placing the folder elsewhere; if it is not a folder, the next step fails.
 */
export async function ensureRemoteFolder(files: RemoteFiles, folder: string): Promise<void> {
  const kind = await files.exists(folder);
  if (kind === 'd' || kind === 'l') return;
  await files.mkdir(folder, true);
}
