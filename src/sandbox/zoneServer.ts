import dns2 from "dns2";
import type { ZoneRecord } from "./world.js";

const { Packet } = dns2;

export type { ZoneRecord };

export interface ZoneBehaviour {
  /** Names answered with SERVFAIL. */
  readonly servfail?: readonly string[];
  /** Names whose queries are dropped, so the client times out. */
  readonly dropQueriesFor?: readonly string[];
}

export interface ZoneServer {
  /** `127.0.0.1:PORT`, for --dns-server. */
  readonly address: string;
  readonly port: number;
  /** Queries seen, as `TYPE name`. */
  readonly queries: string[];
  close(): Promise<void>;
}

const TYPE_CODES = { TXT: Packet.TYPE.TXT, CNAME: Packet.TYPE.CNAME, NS: Packet.TYPE.NS, A: Packet.TYPE.A } as const;
const lower = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * A small authoritative server on 127.0.0.1 (UDP and TCP on the same port, since resolvers retry
 * truncated answers over TCP), answering from a fixed record list.
 */
export async function startZoneServer(zone: readonly ZoneRecord[] | (() => readonly ZoneRecord[]), behaviour: ZoneBehaviour = {}): Promise<ZoneServer> {
  const queries: string[] = [];
  const handle: Handler = (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    if (!question) return void send(response);
    const name = lower(question.name);
    const typeName = Object.entries(TYPE_CODES).find(([, code]) => code === question.type)?.[0] ?? String(question.type);
    queries.push(`${typeName} ${name}`);
    if (behaviour.dropQueriesFor?.map(lower).includes(name)) return;
    response.header.aa = 1;
    if (behaviour.servfail?.map(lower).includes(name)) {
      response.header.rcode = 2;
      return void send(response);
    }
    // Read on every query, so a record changed mid-rehearsal is served at once.
    const records = typeof zone === "function" ? zone() : zone;
    const atName = records.filter((record) => lower(record.name) === name);
    const cname = atName.find((record) => record.type === "CNAME");
    const ofType = (owner: string) => records.filter((record) => lower(record.name) === owner && TYPE_CODES[record.type] === question.type);
    // A CNAME whose target this server also holds is followed, as a resolver would hand both back:
    // an Easy DKIM token's key lives at the amazonses.com name its CNAME points to.
    const answers: (ZoneRecord & { owner: string })[] =
      cname && question.type !== Packet.TYPE.CNAME
        ? [{ ...cname, owner: question.name }, ...ofType(lower(String(cname.data))).map((record) => ({ ...record, owner: String(cname.data) }))]
        : atName.filter((record) => TYPE_CODES[record.type] === question.type).map((record) => ({ ...record, owner: question.name }));
    if (atName.length === 0 && !records.some((record) => lower(record.name).endsWith(`.${name}`))) {
      response.header.rcode = 3; // NXDOMAIN: neither the name nor anything below it exists.
    }
    for (const record of answers) {
      const base = { name: record.owner, type: TYPE_CODES[record.type], class: Packet.CLASS.IN, ttl: 60 };
      if (record.type === "TXT") response.answers.push({ ...base, data: record.data } as never);
      else if (record.type === "CNAME") response.answers.push({ ...base, domain: String(record.data) } as never);
      else if (record.type === "NS") response.answers.push({ ...base, ns: String(record.data) } as never);
      else response.answers.push({ ...base, address: String(record.data) } as never);
    }
    send(response);
  };
  const { udp, tcp, port } = await listenOnOnePort(handle);
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: async () => {
      await Promise.all([new Promise<void>((resolve) => udp.close(() => resolve())), new Promise<void>((resolve) => tcp.close(() => resolve()))]);
    },
  };
}

type Handler = NonNullable<ConstructorParameters<typeof dns2.TCPServer>[0]>;

/** UDP on a free port, then TCP on the same number; if TCP's is taken, start over. */
async function listenOnOnePort(handle: Handler) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = new dns2.UDPServer(handle);
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(0, "127.0.0.1", () => resolve());
    });
    const port = udp.address().port;
    const tcp = new dns2.TCPServer(handle);
    const listening = await new Promise<boolean>((resolve) => {
      tcp.once("error", () => resolve(false));
      tcp.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (listening) return { udp, tcp, port };
    udp.close();
  }
  throw new Error("no free port for the test DNS server");
}
