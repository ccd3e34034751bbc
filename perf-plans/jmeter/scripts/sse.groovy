// chat.sse: POST a message with Accept: text/event-stream and read the stream to its end.
// JMeter's own Latency stops at the response headers, not at the first token; this sampler keeps the
// time of the first "data:" line for chat.sse.ttft (ttft.groovy), which reports it as its elapsed time.
// Parameters: the request path. Properties: protocol, host, port, userKey, timeoutMs, chatDirective.
import groovy.json.JsonOutput

// the clock starts here, just before the request, not when JMeter started the sample (which includes
// compiling this script on its first use)
long started = System.currentTimeMillis()
SampleResult.setStartTime(started)
def url = new URL("${props.get('protocol')}://${props.get('host')}:${props.get('port')}${args[0]}")
def text = "Load test turn ${vars.getIteration()} of user ${ctx.getThreadNum() + 1}: what is new? [[emulator ${props.get('chatDirective')}]]"
byte[] body = JsonOutput.toJson([text: text]).getBytes('UTF-8')
SampleResult.setURL(url)
SampleResult.setSamplerData("POST ${url}\n\n" + new String(body, 'UTF-8'))
SampleResult.setDataType(org.apache.jmeter.samplers.SampleResult.TEXT)
vars.putObject('sse', [start: started, firstData: 0L, ok: false])

HttpURLConnection c = (HttpURLConnection) url.openConnection()
c.setRequestMethod('POST')
c.setDoOutput(true)
c.setConnectTimeout(5000)
c.setReadTimeout(props.get('timeoutMs') as int)
c.setRequestProperty('Authorization', "Bearer ${props.get('userKey')}")
c.setRequestProperty('Content-Type', 'application/json')
c.setRequestProperty('Accept', 'text/event-stream')
c.setFixedLengthStreamingMode(body.length)
c.getOutputStream().withStream { it.write(body) }
int code = c.getResponseCode()
SampleResult.setResponseCode(code as String)
SampleResult.setResponseMessage(c.getResponseMessage() ?: '')
SampleResult.setResponseHeaders(c.getHeaderFields().findAll { it.key != null }
        .collect { k, v -> "${k}: ${v.join(', ')}" }.join('\n') + '\n')
if (code != 200) {
    def err = c.getErrorStream()
    SampleResult.setResponseData(err == null ? '' : err.getText('UTF-8'), 'UTF-8')
    SampleResult.setSuccessful(false)
    return
}
long firstData = 0
String event = null
String last = null
def received = new StringBuilder()
c.getInputStream().withReader('UTF-8') { reader ->
    String line
    while ((line = reader.readLine()) != null) {
        received.append(line).append('\n')
        if (line.startsWith('data:') && firstData == 0) {
            firstData = System.currentTimeMillis()
        }
        if (line.startsWith('event:')) {
            event = line.substring(6).trim()
            last = event
        }
    }
}
SampleResult.setResponseData(received.toString(), 'UTF-8')
boolean ok = last == 'done' && firstData > 0
if (!ok) {
    SampleResult.setSuccessful(false)
    SampleResult.setResponseMessage(last == 'error' ? 'the stream ended with an error event' : "the stream ended without its done event (last event: ${last})")
}
vars.putObject('sse', [start: started, firstData: firstData, ok: ok])
