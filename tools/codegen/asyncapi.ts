import { format, resolveConfig } from 'prettier';
import { asyncApiDocument } from '../../libs/contracts/src/asyncapi/asyncapi-document';
import { asyncApiFile } from './generated-file';

/** Renders, formatted as the repository is, the AsyncAPI document of the topic catalogue. */
export async function renderAsyncApi(): Promise<string> {
  const options = await resolveConfig(asyncApiFile);
  return format(JSON.stringify(asyncApiDocument()), { ...options, filepath: asyncApiFile });
}
