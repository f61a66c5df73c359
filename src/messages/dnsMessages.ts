import { defineMessages } from "./section.js";

export const dnsMessages = defineMessages({
  "dns.badServer": {
    en: "--dns-server {value} is not a nameserver address",
    ja: "--dns-server {value} はネームサーバのアドレスとして正しくありません",
  },
  "dns.badServer.hint": {
    en: "write host, host:port, [IPv6] or [IPv6]:port, e.g. 192.0.2.53 or 127.0.0.1:5353",
    ja: "host、host:port、[IPv6]、[IPv6]:port の形式で指定してください（例：192.0.2.53、127.0.0.1:5353）",
  },
  "dns.unresolvableServer": {
    en: "nameserver {value} has no address",
    ja: "ネームサーバ {value} のアドレスが見つかりません",
  },
});
