package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.genai.errors.GenAiIOException;
import com.voicegateway.upstream.entity.UpstreamException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdkFailuresTest {

    @Test
    void ioFailuresAreDescribedWithoutJavaTypesHostsOrPorts() {
        List<RuntimeException> failures = List.of(
                new GenAiIOException("Failed to execute HTTP request", new SocketTimeoutException("timeout")),
                new GenAiIOException("Failed", new ConnectException("Failed to connect to localhost/127.0.0.1:9280")),
                new IllegalStateException("okhttp3.internal.http2.StreamResetException: stream was reset: CANCEL"));
        List<String> expected = List.of("Upstream I/O failure: the upstream did not answer in time.",
                "Upstream I/O failure: the upstream could not be reached.", "The upstream call failed.");
        for (int i = 0; i < failures.size(); i++) {
            UpstreamException mapped = SdkFailures.translate(failures.get(i));
            String detail = mapped.problem().detail();
            assertEquals(expected.get(i), detail);
            for (String leak : List.of("java.", "Exception", "127.0.0.1", "9280", "okhttp")) {
                assertFalse(detail.contains(leak), detail);
            }
            assertSame(failures.get(i), mapped.getCause(), "the log still has what happened");
        }
    }
}
