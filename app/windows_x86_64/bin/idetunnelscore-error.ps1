# Answers splunkd's getinfo chunk with a chunked protocol (v2) ERROR reply, for
# idetunnelscore.cmd when no usable Node.js runtime is found (IDE Tunnel Detection).
#
# Input:  $env:IDETUNNEL_ERROR (the message), stdin = splunkd's first chunk:
#         "chunked 1.0,<metadata bytes>,<body bytes>\n" + metadata + body.
# Output: stdout = "chunked 1.0,<n>,0\n" + {"type":"stateful","inspector":{"messages":[["ERROR",<message>]]}}
#         (n = UTF-8 byte count of the JSON); stderr = the message (search.log); exit status 1.
# Framing source: splunk-sdk-python searchcommands (_process_protocol_v2, _write_chunk).
$ErrorActionPreference = 'Stop'
$message = [string]$env:IDETUNNEL_ERROR
try {
  [Console]::Error.WriteLine("idetunnelscore: $message")
  if ([Console]::IsInputRedirected) {
    $stdin = [Console]::OpenStandardInput()
    $header = New-Object System.Collections.Generic.List[byte]
    while ($true) {
      $b = $stdin.ReadByte()
      if ($b -lt 0 -or $b -eq 10) { break }
      $header.Add([byte]$b)
    }
    $text = [Text.Encoding]::ASCII.GetString($header.ToArray())
    if ($text -match '^chunked 1\.0,(\d+),(\d+)\r?$') {
      # consume the getinfo metadata and body so splunkd never writes into a closed pipe
      $remaining = [int64]$Matches[1] + [int64]$Matches[2]
      $buffer = New-Object byte[] 65536
      while ($remaining -gt 0) {
        $n = $stdin.Read($buffer, 0, [int][Math]::Min([int64]$buffer.Length, $remaining))
        if ($n -le 0) { break }
        $remaining -= $n
      }
    }
  }
  $escaped = $message.Replace('\', '\\').Replace('"', '\"').Replace("`t", '\t').Replace("`r", '\r').Replace("`n", '\n')
  $json = '{"type":"stateful","inspector":{"messages":[["ERROR","' + $escaped + '"]]}}'
  $body = (New-Object System.Text.UTF8Encoding($false)).GetBytes($json)
  $head = [Text.Encoding]::ASCII.GetBytes("chunked 1.0,$($body.Length),0`n")
  $stdout = [Console]::OpenStandardOutput()
  $stdout.Write($head, 0, $head.Length)
  $stdout.Write($body, 0, $body.Length)
  $stdout.Flush()
} catch {
  [Console]::Error.WriteLine("idetunnelscore: could not write the error reply: $_")
}
exit 1
