// setup.ready: wait up to 60 s for /health/ready to answer 200 (the IT server may still hold a circuit
// opened by an earlier test), so that the load starts against a ready gateway or not at all.
def url = new URL("${props.get('protocol')}://${props.get('host')}:${props.get('port')}/health/ready")
long deadline = System.currentTimeMillis() + 60_000
int code = -1
while (System.currentTimeMillis() < deadline) {
    try {
        HttpURLConnection c = (HttpURLConnection) url.openConnection()
        c.setConnectTimeout(2000)
        c.setReadTimeout(5000)
        code = c.getResponseCode()
        (code < 400 ? c.getInputStream() : c.getErrorStream())?.close()
        if (code == 200) {
            break
        }
    } catch (IOException notYet) {
        code = -1
    }
    Thread.sleep(1000)
}
SampleResult.setResponseCode(code as String)
SampleResult.setSuccessful(code == 200)
SampleResult.setResponseMessage(code == 200 ? 'ready' : "not ready within 60 s (last status ${code})")
