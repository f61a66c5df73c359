// Tests use the sandbox's own authoritative server: the same code the rehearsal environment runs.
export { startZoneServer, type ZoneBehaviour, type ZoneRecord, type ZoneServer } from "../../src/sandbox/zoneServer.js";
