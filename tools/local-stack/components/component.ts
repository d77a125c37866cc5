/** One server of the local stack: how to install it, start it and tell that it really answers. */
export interface StackComponent {
  /** Also the name of its log and pid files. */
  readonly name: string;
  /**
   * The variable through which an existing server is given instead ("use this one, don't start mine").
   * For an `internal` server, the variable of the server it backs: given, neither is started.
   */
  readonly envVar: 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL' | 'MONGO_URL' | 'OIDC_ISSUER_URL';
  /** A server only another one of the stack uses (PostgreSQL behind FerretDB): not a hub endpoint. */
  readonly internal?: boolean;
  /** Components that must answer before this one starts. */
  readonly startsAfter?: readonly string[];
  /** What `envVar` is set to for the server this stack starts (for `internal`: its own URL). */
  readonly localEndpoint: string;
  /** The loopback port the local server listens on, checked before start for a foreign listener. */
  readonly port: number;
  /** Downloads or builds what the server needs; a no-op when the cache is current. */
  install(): Promise<void>;
  /** Starts the server detached and returns its pid. */
  start(): Promise<number> | number;
  /** True when `endpoint` answers a real request of the server's own protocol. */
  isReady(endpoint: string): Promise<boolean>;
  /**
   * For a server this stack started that still runs: false when what it was started with has changed
   * since, so that `up` restarts it (absent: always current).
   */
  isCurrent?(): Promise<boolean>;
  /** Runs once a freshly started server answers, before anything that starts after it. */
  afterReady?(): Promise<void>;
  /**
   * Runs on every `up` once the server this stack runs answers, fresh or already running: idempotent
   * set-up that follows the repository's files (Kafka's credentials, topics and ACLs).
   */
  provision?(): Promise<void>;
}
