package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.ReplyPlan;
import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes replies at the pace a {@link ReplyPlan} asks for, from two scheduler threads, so that a
 * thousand slow emulated streams hold no thread while they "think". A text reply streams one event
 * per token; a speech reply one event per audio chunk, cut from the {@link SpeechRecording}.
 */
@ApplicationScoped
public class ReplyPacer {

    private static final Logger LOG = Logger.getLogger(ReplyPacer.class.getName());
    private static final byte[] EVENT_END = "\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final String PCM_PLACEHOLDER = "pcm-written-in-place";

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    SpeechRecording recording;

    private static final long STOP_GRACE_MS = 30_000;
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();
    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        scheduler = new ScheduledThreadPoolExecutor(2, threadFactory);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * A stopping emulator serves its open streams to the end first, as the real upstream, which is
     * elsewhere, would while the gateway drains (at most {@value #STOP_GRACE_MS} ms): the gateway's
     * own shutdown is then what ends them, which is what its drain test checks.
     */
    @PreDestroy
    void stop() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS);
        try {
            while (openStreams.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    /** Streams the plan as Server-Sent Events, one event per token or audio chunk. */
    public void stream(ReplyPlan plan, AsyncContext async, RequestLog log, RequestLog.Entry entry) {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        openStreams.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end();
            }

            @Override
            public void onError(AsyncEvent event) {
                end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }

            private void end() {
                if (ended.compareAndSet(false, true)) {
                    openStreams.decrementAndGet();
                }
            }
        });
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        try {
            // Commit the headers now: Liberty's first flush of an uncommitted response sends no body bytes.
            response.flushBuffer();
        } catch (IOException clientGone) {
            log.cancelled(entry);
            complete(async);
            return;
        }
        new StreamJob(plan, async, log, entry).schedule(plan.ttftMs());
    }

    /** Answers with one body once the whole reply would have been generated. */
    public void unary(ReplyPlan plan, AsyncContext async, RequestLog log, RequestLog.Entry entry) {
        long doneAfter = plan.ttftMs() + Math.round(plan.eventIntervalMs() * (plan.events() - 1));
        scheduler.schedule(() -> {
            try {
                String id = UUID.randomUUID().toString();
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                if (plan.speaks()) {
                    writeSpeech(plan, id, response.getOutputStream());
                } else {
                    response.getOutputStream().write(GeminiWire.chunk(plan, id, plan.text(), true).toString()
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | IllegalStateException e) {
                log.cancelled(entry);
            } finally {
                complete(async);
            }
        }, doneAfter, TimeUnit.MILLISECONDS);
    }

    /**
     * The whole speech reply in one body, its base64 encoded chunk by chunk straight onto the wire, so
     * that a minutes-long reply never exists in memory as one PCM array, one base64 string and one JSON text.
     */
    private void writeSpeech(ReplyPlan plan, String id, OutputStream out) throws IOException {
        String json = GeminiWire.speechChunk(plan, id, PCM_PLACEHOLDER, true).toString();
        int at = json.indexOf("\"data\":\"" + PCM_PLACEHOLDER + "\"") + "\"data\":\"".length();
        out.write(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        SpeechReply speech = plan.speech();
        try (OutputStream base64 = Base64.getEncoder().wrap(new KeptOpen(out))) {
            for (int i = 0; i < speech.chunks(); i++) {
                base64.write(recording.pcm(speech.firstSample(i), speech.samplesIn(i)));
            }
        }
        out.write(json.substring(at + PCM_PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** Holds the request open without answering; ends with 504 after {@code hangMs}. */
    public void hang(ReplyPlan plan, AsyncContext async, RequestLog log, RequestLog.Entry entry) {
        async.setTimeout(0);
        ScheduledFuture<?> end = scheduler.schedule(() -> {
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setStatus(504);
                response.setContentType("application/json");
                response.getOutputStream().write(GeminiWire.error(504, "Deadline expired before operation could complete.", 0)
                        .toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException e) {
                log.cancelled(entry);
            } finally {
                complete(async);
            }
        }, plan.hangMs(), TimeUnit.MILLISECONDS);
        async.addListener(new OnClientGone(() -> {
            end.cancel(false);
            log.cancelled(entry);
        }));
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            LOG.log(Level.FINE, "async context already completed", alreadyDone);
        }
    }

    private final class StreamJob implements Runnable {
        private final ReplyPlan plan;
        private final AsyncContext async;
        private final RequestLog log;
        private final RequestLog.Entry entry;
        private final long startNanos = System.nanoTime();
        private final String responseId = UUID.randomUUID().toString();
        private int sent;
        private volatile boolean finished;

        StreamJob(ReplyPlan plan, AsyncContext async, RequestLog log, RequestLog.Entry entry) {
            this.plan = plan;
            this.async = async;
            this.log = log;
            this.entry = entry;
            async.setTimeout(0);
            async.addListener(new OnClientGone(this::gone));
        }

        void schedule(long delayMs) {
            scheduler.schedule(this, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (finished) {
                return;
            }
            try {
                ServletOutputStream out = async.getResponse().getOutputStream();
                int total = plan.events();
                double elapsedMs = (System.nanoTime() - startNanos) / 1e6;
                int due = Math.min(total, Math.max(sent + 1, 1 + (int) ((elapsedMs - plan.ttftMs()) / plan.eventIntervalMs())));
                while (sent < due) {
                    if (sent == plan.cutAfterTokens()) {
                        out.flush();
                        finish();
                        return;
                    }
                    if (sent == plan.errorAfterTokens()) {
                        writeEvent(out, GeminiWire.error(500, "An internal error has occurred.", 0).toString());
                        out.flush();
                        finish();
                        return;
                    }
                    boolean last = sent == total - 1;
                    writeEvent(out, event(sent, last).toString());
                    sent++;
                }
                out.flush();
                if (sent == total) {
                    finish();
                } else {
                    schedule(Math.round(plan.ttftMs() + sent * plan.eventIntervalMs() - (System.nanoTime() - startNanos) / 1e6));
                }
            } catch (IOException | IllegalStateException e) {
                gone();
            }
        }

        private JsonObject event(int index, boolean last) {
            if (!plan.speaks()) {
                return GeminiWire.chunk(plan, responseId, plan.tokens().get(index), last);
            }
            SpeechReply speech = plan.speech();
            byte[] pcm = recording.pcm(speech.firstSample(index), speech.samplesIn(index));
            return GeminiWire.speechChunk(plan, responseId, Base64.getEncoder().encodeToString(pcm), last);
        }

        private void writeEvent(ServletOutputStream out, String json) throws IOException {
            out.write(DATA);
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write(EVENT_END);
        }

        private void finish() {
            finished = true;
            complete(async);
        }

        private void gone() {
            if (!finished) {
                finished = true;
                log.cancelled(entry);
                complete(async);
            }
        }
    }

    /** Lets a base64 encoder's close write its padding without closing the response stream under it. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Calls back once when the client disconnects or the container gives up on the request. */
    private static final class OnClientGone implements AsyncListener {
        private final Runnable action;

        OnClientGone(Runnable action) {
            this.action = action;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // normal end: nothing to release
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-dispatched
        }
    }
}
