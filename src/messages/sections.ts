import { accountMessages } from "./accountMessages.js";
import { approvalMessages } from "./approvalMessages.js";
import { awsMessages } from "./awsMessages.js";
import { campaignMessages } from "./campaignMessages.js";
import { campaignReportMessages } from "./campaignReportMessages.js";
import { changeMessages } from "./changeMessages.js";
import { changeWindowMessages } from "./changeWindowMessages.js";
import { cliMessages } from "./cliMessages.js";
import { configMessages } from "./configMessages.js";
import { contactsMessages } from "./contactsMessages.js";
import { dmarcMessages } from "./dmarcMessages.js";
import { dnsMessages } from "./dnsMessages.js";
import { dnsPublishMessages } from "./dnsPublishMessages.js";
import { enableMessages } from "./enableMessages.js";
import { gateMessages } from "./gateMessages.js";
import { handoffMessages } from "./handoffMessages.js";
import { helpMessages } from "./helpMessages.js";
import { journalMessages } from "./journalMessages.js";
import { keyLifecycleMessages } from "./keyLifecycleMessages.js";
import { keyMessages } from "./keyMessages.js";
import { lifecycleGateMessages } from "./lifecycleGateMessages.js";
import { noticeMessages } from "./noticeMessages.js";
import { planMessages } from "./planMessages.js";
import { probeWindowMessages } from "./probeWindowMessages.js";
import { probeMessages } from "./probeMessages.js";
import { permissionMessages } from "./permissionMessages.js";
import { reportMessages } from "./reportMessages.js";
import { retireReportsMessages } from "./retireReportsMessages.js";
import { rfc2136Messages } from "./rfc2136Messages.js";
import { rollbackMessages } from "./rollbackMessages.js";
import { runbookMessages } from "./runbookMessages.js";
import { sandboxMessages } from "./sandboxMessages.js";
import { statusMessages } from "./statusMessages.js";
import { targetPolicyMessages } from "./targetPolicyMessages.js";
import { tickMessages } from "./tickMessages.js";
import { verifyMessages } from "./verifyMessages.js";

/** Every section of the catalogue, named once: the catalogue's value and its type are both made from this list. */
export const SECTIONS = [
  accountMessages,
  cliMessages,
  configMessages,
  gateMessages,
  handoffMessages,
  keyMessages,
  dnsMessages,
  awsMessages,
  journalMessages,
  sandboxMessages,
  permissionMessages,
  changeMessages,
  enableMessages,
  verifyMessages,
  rollbackMessages,
  lifecycleGateMessages,
  keyLifecycleMessages,
  runbookMessages,
  statusMessages,
  reportMessages,
  noticeMessages,
  contactsMessages,
  helpMessages,
  approvalMessages,
  changeWindowMessages,
  campaignMessages,
  planMessages,
  campaignReportMessages,
  probeWindowMessages,
  retireReportsMessages,
  dmarcMessages,
  probeMessages,
  rfc2136Messages,
  dnsPublishMessages,
  tickMessages,
  targetPolicyMessages,
] as const;
