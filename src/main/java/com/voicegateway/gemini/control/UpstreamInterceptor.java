package com.voicegateway.gemini.control;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

/**
 * Sits in the OkHttp client the gateway hands to the GenAI SDK. It keeps what the SDK throws away
 * (the {@code Retry-After} of an error response, read by the retry policy on the same thread) and
 * makes streamed events reach the SDK's iterator without its one-event delay
 * ({@link EventFlushingSource}).
 */
final class UpstreamInterceptor implements Interceptor {

    private static final ThreadLocal<String> LAST_RETRY_AFTER = new ThreadLocal<>();
    private static final ThreadLocal<Call> LAST_CALL = new ThreadLocal<>();

    /**
     * The OkHttp call just made on this thread, then forgets it. Cancelling it is the only way to
     * unblock a reader stuck in the SDK's stream from another thread.
     */
    static Call takeCall() {
        Call call = LAST_CALL.get();
        LAST_CALL.remove();
        return call;
    }

    /** The Retry-After of the last failed upstream response on this thread, then forgets it. */
    static String takeRetryAfter() {
        String value = LAST_RETRY_AFTER.get();
        LAST_RETRY_AFTER.remove();
        return value;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        LAST_RETRY_AFTER.remove();
        LAST_CALL.set(chain.call());
        Response response = chain.proceed(chain.request());
        if (!response.isSuccessful()) {
            String retryAfter = response.header("Retry-After");
            if (retryAfter != null) {
                LAST_RETRY_AFTER.set(retryAfter);
            }
            return response;
        }
        ResponseBody body = response.body();
        MediaType type = body == null ? null : body.contentType();
        if (type == null || !"event-stream".equals(type.subtype())) {
            return response;
        }
        ResponseBody flushing = ResponseBody.create(Okio.buffer(new EventFlushingSource(body.source())), type, -1);
        return response.newBuilder().body(flushing).build();
    }
}
