package com.voicegateway.chat.control;

import com.voicegateway.relay.control.RelayThreads;
import com.voicegateway.relay.control.ReplyChannel;

import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.control.TurnLock;
import com.voicegateway.sessions.control.TurnLocks;
import com.voicegateway.sessions.entity.Message;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.templates.control.Templates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in a session: the history goes upstream as context, one reply at a time per session
 * (the turn lock, across all nodes), and the exchange is recorded as the reply completes.
 */
@ApplicationScoped
public class Conversations {

    @Inject
    SessionStore store;

    @Inject
    TurnLocks locks;

    @Inject
    RelayThreads threads;

    @Inject
    Templates templates;

    /** Checks ownership and takes the turn synchronously (404/409 as plain statuses), then relays. */
    public void reply(String sessionId, String owner, String text, long arrivedNanos, ReplyChannel channel) {
        Session session = store.use(sessionId, owner);
        TurnLock turn = locks.lock(sessionId);
        try {
            // rendered per message, so a template edited mid-conversation applies from the next reply on
            String instruction = templates.sessionInstruction(session.templateId(), session.variables());
            ModelCall call = new ModelCall(session.model(), instruction, turns(store.history(sessionId), text), null, null);
            // TurnChannel releases the turn on every end of the reply (done, error, failed, client gone)
            threads.relay(call, arrivedNanos, TurnChannel.text(channel, store, sessionId, owner, text, turn));
        } catch (RuntimeException notStarted) {
            turn.close();
            throw notStarted;
        }
    }

    /**
     * The history as upstream turns. Incomplete replies are left out, so two user messages can meet:
     * they are joined into one turn, keeping user and model turns alternating as Gemini expects.
     */
    static List<Turn> turns(List<Message> history, String text) {
        return turns(history, Turn.user(text));
    }

    /**
     * The history as upstream turns, then {@code next}. A spoken message is context by its transcript;
     * one without (transcription off or failed) by a note that the user spoke, since its audio is not
     * kept and an empty text is no turn.
     */
    public static List<Turn> turns(List<Message> history, Turn next) {
        List<Turn> turns = new ArrayList<>(history.size() + 1);
        for (Message message : history) {
            String said = message.text().isBlank() && message.audio() != null ? UNTRANSCRIBED : message.text();
            add(turns, new Turn(message.role() == Message.Role.USER ? Turn.Speaker.USER : Turn.Speaker.MODEL, said));
        }
        add(turns, next);
        return turns;
    }

    static final String UNTRANSCRIBED = "[the user spoke; no transcript was made]";

    private static void add(List<Turn> turns, Turn turn) {
        int last = turns.size() - 1;
        if (last >= 0 && turns.get(last).speaker() == turn.speaker()) {
            Turn earlier = turns.get(last);
            String joined = turn.text().isEmpty() ? earlier.text() : earlier.text() + "\n" + turn.text();
            // only the newest turn carries audio, so the join keeps it
            turns.set(last, new Turn(turn.speaker(), joined, turn.audio() != null ? turn.audio() : earlier.audio()));
        } else {
            turns.add(turn);
        }
    }
}
