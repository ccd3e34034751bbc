package com.voicegateway.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.control.TurnLock;
import com.voicegateway.sessions.control.TurnLocks;
import com.voicegateway.sessions.entity.Message;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.sessions.entity.SessionBusyException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The turn recorder ({@link TurnChannel}) with the real session store and turn locks (Redis, through the deployed
 * gateway's pool), inside the deployed gateway. The client side is the test: a writer that looks into Redis at the
 * moment it is told {@code done}, which is what a black-box test cannot do (by the time its HTTP client sees
 * {@code done}, the store has long been written either way).
 */
class TurnRecordingInContainerIT extends DeployedGateway {

    @Inject
    SessionStore store;

    @Inject
    TurnLocks locks;

    private final String owner = "in-container-" + UUID.randomUUID();

    /** The client's end of the reply: runs the body at once with a writer of its own, records what it was told. */
    private static final class Client implements ReplyChannel {
        final List<String> told = new ArrayList<>();
        private final ReplyWriter writer;
        RuntimeException failure;

        Client(ReplyWriter writer) {
            this.writer = writer;
        }

        @Override
        public void failed(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void open(Body body) {
            try {
                body.writeTo(writer);
            } catch (IOException gone) {
                told.add("gone");
            }
        }
    }

    @Test
    void aReplyIsStoredAndItsTurnFreeBeforeTheClientHearsDone() {
        Session session = store.create(owner, "default", "gemini-2.5-flash", null, null, null);
        List<String> atDone = new ArrayList<>();
        Client client = new Client(new ReplyWriter() {
            @Override
            public void delta(String text) {
            }

            @Override
            public void done(ReplyDone done) {
                List<Message> history = store.history(session.id());
                atDone.add(history.size() + " " + history.get(history.size() - 1).text() + " id " + done.messageId());
                try (TurnLock next = locks.lock(session.id())) {
                    atDone.add("turn free");
                }
            }

            @Override
            public void error(Problem problem) {
                atDone.add("error " + problem.type());
            }
        });
        TurnChannel channel = TurnChannel.text(client, store, session.id(), owner, "Hello", locks.lock(session.id()));
        channel.open(writer -> {
            writer.delta("Hi ");
            writer.delta("there");
            writer.done(new ReplyDone(null, "gemini-2.5-flash", "STOP", null, 0, false));
        });

        List<Message> history = store.history(session.id());
        assertEquals(2, history.size(), history.toString());
        long replyId = history.get(1).id();
        assertEquals(List.of("2 Hi there id " + replyId, "turn free"), atDone,
                "at done the exchange was in Redis (the reply's id is the stored one) and the turn could be taken");
        assertEquals("Hello", history.get(0).text());
        assertEquals(Message.Role.MODEL, history.get(1).role());
    }

    @Test
    void aReplyWhoseClientLeftIsStoredIncompleteAndFreesTheTurn() {
        Session session = store.create(owner, "default", "gemini-2.5-flash", null, null, null);
        Client client = new Client(new ReplyWriter() {
            private int deltas;

            @Override
            public void delta(String text) throws IOException {
                if (++deltas == 2) {
                    throw new IOException("client gone");
                }
            }

            @Override
            public void done(ReplyDone done) {
                throw new AssertionError("no done after the client left");
            }

            @Override
            public void error(Problem problem) {
            }
        });
        TurnChannel channel = TurnChannel.text(client, store, session.id(), owner, "Tell me more", locks.lock(session.id()));
        channel.open(writer -> {
            writer.delta("Once ");
            writer.delta("upon");
            writer.delta(" a time");
        });

        assertEquals(List.of("gone"), client.told);
        List<Message> stored = store.messages(session.id(), owner, 10, null).items();
        assertEquals(2, stored.size(), stored.toString());
        assertEquals("Tell me more", stored.get(0).text());
        assertEquals("Once upon", stored.get(1).text(), "the reply up to the delta whose write failed, nothing after it");
        assertFalse(stored.get(1).complete(), "marked incomplete");
        List<Message> context = store.history(session.id());
        assertTrue(context.stream().noneMatch(message -> message.role() == Message.Role.MODEL),
                "and the broken reply is left out of the upstream's context: " + context);
        try (TurnLock next = locks.lock(session.id())) {
            // the turn is free again
        }
    }

    @Test
    void aReplyThatNeverStartedIsNotStoredAndFreesTheTurn() {
        Session session = store.create(owner, "default", "gemini-2.5-flash", null, null, null);
        Client client = new Client(null);
        TurnLock turn = locks.lock(session.id());
        assertThrows(SessionBusyException.class, () -> locks.lock(session.id()), "the turn is held while the reply is pending");
        TurnChannel channel = TurnChannel.text(client, store, session.id(), owner, "Anyone there?", turn);
        RuntimeException refused = new IllegalStateException("upstream refused");
        channel.failed(refused);

        assertEquals(refused, client.failure, "the client got the failure");
        assertTrue(store.messages(session.id(), owner, 10, null).items().isEmpty(), "nothing stored");
        try (TurnLock next = locks.lock(session.id())) {
            // the turn is free again
        }
    }
}
