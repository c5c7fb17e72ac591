import type { FastifyInstance } from 'fastify';
import { StravaApiGuard } from './strava-api-guard.js';
import { faults } from './strava-fault.js';
import {
  UPLOAD_DATA_TYPES,
  uploadJson,
  type StravaUploadProcessor,
  type UploadDataType,
} from './strava-upload-processor.js';
import { parseBooleanField, parseId } from './request-fields.js';

interface ReceivedUpload {
  readonly fields: Record<string, string>;
  readonly file: { readonly name: string; readonly bytes: Uint8Array } | null;
}

const isDataType = (value: string | undefined): value is UploadDataType =>
  value !== undefined && (UPLOAD_DATA_TYPES as readonly string[]).includes(value);

export function registerStravaUploadRoutes(
  app: FastifyInstance,
  guard: StravaApiGuard,
  uploads: StravaUploadProcessor,
): void {
  app.post('/api/v3/uploads', async (request, reply) => {
    const token = guard.athleteOf(request);
    if (!StravaApiGuard.hasScope(token, 'activity:write')) {
      return reply.code(401).send(faults.missingPermission('activity:write'));
    }
    if (!request.isMultipart()) return reply.code(400).send(faults.badRequest('Upload', 'file', 'missing'));
    const received: ReceivedUpload = { fields: {}, file: null };
    let file: ReceivedUpload['file'] = null;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        file = { name: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
      } else if (typeof part.value === 'string') {
        received.fields[part.fieldname] = part.value;
      }
    }
    const { fields } = received;
    if (file === null || file.bytes.length === 0) {
      return reply.code(400).send(faults.badRequest('Upload', 'file', 'missing'));
    }
    const dataType = fields.data_type?.toLowerCase();
    if (!isDataType(dataType)) return reply.code(400).send(faults.badRequest('Upload', 'data_type'));
    const upload = uploads.submit({
      athleteId: token.athleteId,
      bytes: file.bytes,
      dataType,
      fileName: file.name,
      externalId: fields.external_id !== undefined && fields.external_id !== '' ? fields.external_id : null,
      name: fields.name,
      description: fields.description,
      trainer: parseBooleanField(fields.trainer),
      commute: parseBooleanField(fields.commute),
    });
    return reply.code(201).send(uploadJson(upload));
  });

  app.get<{ Params: { id: string } }>('/api/v3/uploads/:id', async (request, reply) => {
    const token = guard.athleteOf(request);
    const id = parseId(request.params.id);
    const upload = id === null ? undefined : uploads.get(id);
    if (upload?.athleteId !== token.athleteId) return reply.code(404).send(faults.notFound('Upload'));
    return reply.send(uploadJson(upload));
  });
}
