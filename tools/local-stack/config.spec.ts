import { defaultPorts, portVariables, stackSettings, testStackEnv } from './config';
import { constraintsOn, parseAptRecords } from './debian-packages';

const root = '/checkout';

describe('local stack settings', () => {
  it('defaults to .stack, a shared cache under it and the vendor folder beside the checkout', () => {
    const settings = stackSettings({}, root);
    expect(settings).toMatchObject({
      stackDir: '/checkout/.stack',
      cacheDir: '/checkout/.stack/cache',
      vendorDir: '/shared/vendor',
      logDir: '/checkout/.stack/logs',
      pidDir: '/checkout/.stack/pids',
      ports: defaultPorts,
      startTimeoutMs: 180_000,
    });
  });

  it('takes folders (relative ones from the checkout) and ports from the environment', () => {
    const settings = stackSettings(
      {
        HUB_STACK_DIR: 'other',
        HUB_STACK_CACHE_DIR: '/var/cache/hub',
        HUB_VENDOR_DIR: '/opt/vendor',
        HUB_STACK_POSTGRES_PORT: '15432',
      },
      root,
    );
    expect(settings.stackDir).toBe('/checkout/other');
    expect(settings.logDir).toBe('/checkout/other/logs');
    expect(settings.cacheDir).toBe('/var/cache/hub');
    expect(settings.vendorDir).toBe('/opt/vendor');
    expect(settings.ports).toEqual({ ...defaultPorts, postgres: 15432 });
  });

  it.each([['0'], ['65536'], ['12.5'], ['abc']])('refuses the port %s', (value) => {
    expect(() => stackSettings({ HUB_STACK_MONGO_PORT: value }, root)).toThrow(
      `HUB_STACK_MONGO_PORT=${value}`,
    );
  });

  it('refuses two servers on one port', () => {
    expect(() =>
      stackSettings({ HUB_STACK_POSTGRES_PORT: String(defaultPorts.mongo) }, root),
    ).toThrow('HUB_STACK_POSTGRES_PORT and HUB_STACK_MONGO_PORT are both 27027');
  });
});

describe("the test run's stack", () => {
  it('has its own folder and every port moved by 100', () => {
    const env = testStackEnv({}, root);
    expect(env.HUB_STACK_DIR).toBe('/checkout/.stack/test-run');
    const test = stackSettings(env, root);
    for (const name of Object.keys(portVariables) as (keyof typeof portVariables)[]) {
      expect(test.ports[name]).toBe(defaultPorts[name] + 100);
    }
    // The install cache stays shared with the default stack.
    expect(test.cacheDir).toBe(stackSettings({}, root).cacheDir);
  });

  it("moves the caller's ports, and takes its folder and offset", () => {
    const env = testStackEnv(
      {
        HUB_STACK_KAFKA_PORT: '40000',
        HUB_TEST_STACK_DIR: '/tmp/tests',
        HUB_TEST_STACK_PORT_OFFSET: '7',
      },
      root,
    );
    expect(env).toMatchObject({
      HUB_STACK_DIR: '/tmp/tests',
      HUB_STACK_KAFKA_PORT: '40007',
      HUB_STACK_MONGO_PORT: String(defaultPorts.mongo + 7),
    });
  });

  it('shares no port with the default stack', () => {
    const ours = Object.values(stackSettings({}, root).ports);
    const tests = Object.values(stackSettings(testStackEnv({}, root), root).ports);
    expect(tests.filter((port) => ours.includes(port))).toEqual([]);
  });

  it('refuses an offset that leaves the port range', () => {
    expect(() => testStackEnv({ HUB_STACK_KAFKA_PORT: '65500' }, root)).toThrow(
      'moves HUB_STACK_KAFKA_PORT past 65535',
    );
  });
});

describe('Debian package versions', () => {
  const show = [
    'Package: postgresql-15-rum',
    'Version: 1.3.13-1+deb12u1',
    'Depends: postgresql-15 (>> 15.20), postgresql-15-jit-llvm (>= 14), libc6 (>= 2.29)',
    '',
    'Package: postgresql-15-rum',
    'Version: 1.3.13-1+b1',
    'Depends: postgresql-15, postgresql-15-jit-llvm (>= 14), libc6 (>= 2.29)',
    '',
  ].join('\n');

  it('reads the versions apt-cache show lists, newest first', () => {
    expect(parseAptRecords(show).map((record) => record.version)).toEqual([
      '1.3.13-1+deb12u1',
      '1.3.13-1+b1',
    ]);
  });

  it("finds the constraints on the server, not on packages whose names start with the server's", () => {
    const [newest, older] = parseAptRecords(show);
    expect(constraintsOn(newest.depends, 'postgresql-15')).toEqual([
      { operator: '>>', version: '15.20' },
    ]);
    expect(constraintsOn(older.depends, 'postgresql-15')).toEqual([]);
    expect(
      constraintsOn('postgresql-15:any (>= 15.1) | foo, libpq5 (= 15.18)', 'postgresql-15'),
    ).toEqual([]);
    expect(
      constraintsOn('postgresql-15 (>= 15~~), postgresql-15 (<< 16)', 'postgresql-15'),
    ).toEqual([
      { operator: '>=', version: '15~~' },
      { operator: '<<', version: '16' },
    ]);
  });
});
