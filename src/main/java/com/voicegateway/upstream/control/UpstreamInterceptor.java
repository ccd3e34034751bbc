package com.voicegateway.upstream.control;

import java.io.IOException;
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
    private static final ThreadLocal<UpstreamWatchdog.Watch> LAST_CALL = new ThreadLocal<>();

    private final UpstreamWatchdog watchdog;

    UpstreamInterceptor(UpstreamWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    /**
     * The watch over the OkHttp call just made on this thread, then forgets it. Cancelling the call
     * is the only way to unblock a reader stuck in the SDK's stream from another thread.
     */
    static UpstreamWatchdog.Watch takeCall() {
        UpstreamWatchdog.Watch watch = LAST_CALL.get();
        LAST_CALL.remove();
        return watch;
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
        UpstreamWatchdog.Watch watch = watchdog.watch(chain.call());
        LAST_CALL.set(watch);
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
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
