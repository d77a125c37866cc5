/** One server of the local stack: how to install it, start it and tell that it really answers. */
export interface StackComponent {
  /** Also the name of its log and pid files. */
  readonly name: string;
  /** The variable through which an existing server is given instead ("use this one, don't start mine"). */
  readonly envVar: 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL' | 'MONGO_URL';
  /** What `envVar` is set to for the server this stack starts. */
  readonly localEndpoint: string;
  /** The loopback port the local server listens on, checked before start for a foreign listener. */
  readonly port: number;
  /** Downloads or builds what the server needs; a no-op when the cache is current. */
  install(): Promise<void>;
  /** Starts the server detached and returns its pid. */
  start(): Promise<number> | number;
  /** True when `endpoint` answers a real request of the server's own protocol. */
  isReady(endpoint: string): Promise<boolean>;
}
