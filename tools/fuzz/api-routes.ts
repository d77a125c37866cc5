import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of a service as its OpenAPI document describes it. */
export interface FuzzRoute {
  service: string;
  method: HttpMethod;
  /** OpenAPI template: /v1/nominals/{id}. */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  /** Property names of the JSON body, where the document declares them. */
  bodyProperties: string[];
  acceptsBody: boolean;
}

const methods: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Parameter {
  name?: unknown;
  in?: unknown;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

/** The name of `parameter` when it is `where` (path, query), else undefined. */
function nameIf(parameter: Parameter, where: string): string | undefined {
  return parameter.in === where && typeof parameter.name === 'string' ? parameter.name : undefined;
}

/**
 * Every route of a running Nest app, from the OpenAPI document Nest generates from its controllers
 * (the same generator as the registry's /docs-json): a route added to a controller is fuzzed
 * without touching the fuzzer.
 */
export function routesOf(service: string, app: INestApplication): FuzzRoute[] {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  const routes: FuzzRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = (item as Record<string, Operation | undefined>)[method.toLowerCase()];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const declared = Object.values(operation.requestBody?.content ?? {})[0]?.schema?.properties;
      routes.push({
        service,
        method,
        path,
        // Declared or not, every {name} of the template is a path parameter.
        pathParameters: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? ''),
        queryParameters: parameters
          .map((parameter) => nameIf(parameter, 'query'))
          .filter((name): name is string => name !== undefined),
        bodyProperties: Object.keys(declared ?? {}),
        acceptsBody: method !== 'GET' && method !== 'DELETE',
      });
    }
  }
  return routes;
}

/** `GET /v1/nominals/{id}` (registry). */
export function routeName(route: FuzzRoute): string {
  return `${route.service} ${route.method} ${route.path}`;
}
