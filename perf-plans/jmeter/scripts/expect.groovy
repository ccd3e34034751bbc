// One status check for every sampler that names its expectation in its comment, e.g.
// "status=201" or "status=200 body=event: done". A 503 that carries Retry-After is the gateway
// shedding load as it should: with the property accept503=true (the stress plan) it counts as a
// success under the label "<label>.503", the user waits Retry-After (at most 10 s) and starts its
// next iteration. Anything else (a 503 without Retry-After, a timeout, another status) fails.
import org.apache.jmeter.threads.JMeterContext.TestLogicalAction

def spec = sampler.getComment() ?: ''
def wanted = (spec =~ /status=(\d+)/)
if (!wanted.find()) {
    return
}
def status = wanted.group(1)
def code = prev.getResponseCode()
if (code == status) {
    def body = (spec =~ /body=(.+)$/)
    if (body.find() && !prev.getResponseDataAsString().contains(body.group(1).trim())) {
        AssertionResult.setFailure(true)
        AssertionResult.setFailureMessage("status ${code}, but the body has no '${body.group(1).trim()}'")
    }
    return
}
def retryAfter = (prev.getResponseHeaders() =~ /(?im)^Retry-After:\s*(\d+)/)
boolean shed = code == '503' && retryAfter.find()
if (shed && props.get('accept503') == 'true') {
    prev.setSuccessful(true)
    prev.setSampleLabel(prev.getSampleLabel() + '.503')
    Thread.sleep(Math.min(retryAfter.group(1) as long, 10L) * 1000L)
    ctx.setTestLogicalAction(TestLogicalAction.START_NEXT_ITERATION_OF_THREAD)
    return
}
AssertionResult.setFailure(true)
AssertionResult.setFailureMessage("expected ${status}, got ${code}" + (shed ? ' (shed with Retry-After; accept503=false)' : code == '503' ? ' without Retry-After' : ''))
