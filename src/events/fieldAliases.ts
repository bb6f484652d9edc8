/**
 * Where each event field the detection reads can come from, in order of preference:
 * the Sysmon EventData name (Sysmon schema, as the Splunk Add-on for Sysmon extracts it), then the
 * CIM name (Endpoint.Processes / Network_Resolution / Filesystem / Registry data models), then the
 * `Processes.*`-style name that `tstats ... from datamodel=Endpoint.Processes` produces.
 * Source of the CIM names: Splunk Common Information Model manual, Endpoint and Network Resolution
 * data models.
 */
export const FIELD_ALIASES = {
  Image: ['Image', 'process_path', 'Processes.process_path'],
  CommandLine: ['CommandLine', 'process', 'Processes.process'],
  ParentImage: ['ParentImage', 'parent_process_path', 'Processes.parent_process_path'],
  ParentCommandLine: ['ParentCommandLine', 'parent_process', 'Processes.parent_process'],
  OriginalFileName: ['OriginalFileName', 'original_file_name', 'Processes.original_file_name'],
  User: ['User', 'user', 'Processes.user', 'Web.user'],
  EventCode: ['EventCode', 'EventID', 'signature_id'],
  QueryName: ['QueryName', 'query', 'DNS.query'],
  // Sysmon 22 answers ("type:  5 <cname>;...;<address>;"); CIM Network_Resolution `answer`.
  QueryResults: ['QueryResults', 'answer', 'DNS.answer'],
  DestinationHostname: ['DestinationHostname', 'dest_host'],
  DestinationIp: ['DestinationIp', 'dest_ip'],
  TargetFilename: ['TargetFilename', 'file_path', 'Filesystem.file_path'],
  TargetObject: ['TargetObject', 'registry_path', 'Registry.registry_path'],
  Details: ['Details', 'registry_value_data', 'Registry.registry_value_data'],
  TaskName: ['TaskName', 'task_name'],
  // Security 4702 (task updated) carries the new definition as TaskContentNew.
  TaskContent: ['TaskContent', 'TaskContentNew'],
  ServiceName: ['ServiceName', 'Service_Name', 'service_name'],
  ImagePath: ['ImagePath', 'ServiceFileName', 'Service_File_Name', 'service_path'],
  // The account a service runs as: System 7045 AccountName, Security 4697 ServiceAccount.
  ServiceAccount: ['ServiceAccount', 'AccountName', 'Service_Account'],
  // Security 4688 (process creation) names; kept apart from Image/ParentImage/User so that the
  // seed rule, which reads Image, sees exactly what the seed search would see.
  NewProcessName: ['NewProcessName', 'New_Process_Name'],
  ParentProcessName: ['ParentProcessName', 'Creator_Process_Name', 'parent_process_name', 'Processes.parent_process_name'],
  SubjectUserName: ['SubjectUserName'],
  // CIM process name without a path (EDR sources mapped to Endpoint.Processes without process_path).
  ProcessName: ['process_name', 'Processes.process_name'],
  // CIM Web (proxy data): the URL, user agent and method; in Web data `dest` is the server and
  // `src` the endpoint (Splunk CIM manual, Web), so the server is read apart from `host` below.
  Url: ['url', 'Web.url'],
  HttpUserAgent: ['http_user_agent', 'Web.http_user_agent'],
  HttpMethod: ['http_method', 'Web.http_method'],
  WebDest: ['Web.dest', 'dest'],
  WebSrc: ['src', 'Web.src'],
  host: ['host', 'Computer', 'dest', 'Processes.dest'],
  // Identity plane (issue 14). What the event is comes first, from its sourcetype and, for Entra ID,
  // its category (Splunk Add-on for Microsoft Cloud Services: azure:monitor:aad, category SignInLogs /
  // NonInteractiveUserSignInLogs) or the CIM authentication tag; generic CIM fields (app, action) are
  // never read to decide it.
  sourcetype: ['sourcetype'],
  category: ['category'],
  tag: ['tag'],
  // Entra ID sign-in record, as Splunk's JSON extraction names the members of `properties`.
  SignInAppId: ['properties.appId'],
  SignInAppName: ['properties.appDisplayName'],
  SignInResourceId: ['properties.resourceId'],
  SignInResourceName: ['properties.resourceDisplayName'],
  SignInProtocol: ['properties.authenticationProtocol'],
  SignInTransferMethod: ['properties.originalTransferMethod'],
  SignInInteractive: ['properties.isInteractive'],
  SignInErrorCode: ['properties.status.errorCode', 'resultType'],
  // GitHub audit entry (Splunk Add-on for GitHub): the action, and the OAuth app / GitHub App it names.
  GitHubAction: ['action'],
  OAuthAppName: ['oauth_application_name'],
  OAuthAppId: ['oauth_application_id'],
} as const;

/** A field the detection reads, by its Sysmon (canonical) name. */
export type EventField = keyof typeof FIELD_ALIASES;

/** Every field name the command reads (all aliases), for getinfo's `required_fields`. */
export function allSourceFieldNames(): string[] {
  return Object.values(FIELD_ALIASES).flat();
}
