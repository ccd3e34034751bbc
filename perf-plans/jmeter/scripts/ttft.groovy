// chat.sse.ttft: the time from the start of chat.sse to its first "data:" line (the first token),
// reported as this sample's elapsed time so the dashboard and the budgets see it as a sampler of its own.
def sse = vars.getObject('sse')
if (sse == null || sse.firstData == 0) {
    SampleResult.setSuccessful(false)
    SampleResult.setResponseMessage('chat.sse had no first token')
    return
}
SampleResult.setStartTime(sse.start as long)
SampleResult.setEndTime(sse.firstData as long)
SampleResult.setSuccessful(sse.ok as boolean)
SampleResult.setResponseMessage("ttft ${sse.firstData - sse.start} ms")
