package com.voicegateway.emulator.entity;

/**
 * What a resumption handle stands for: a conversation and how many of its turns the model has
 * answered (fully or until interrupted), so a resumed connection goes on with the next turn and
 * never answers one again.
 */
public record LiveConversation(String id, String seed, int turnsAnswered, boolean refuseResume) {

    public LiveConversation {
        if (id == null || id.isBlank() || seed == null) {
            throw new IllegalArgumentException("id and seed are required");
        }
        if (turnsAnswered < 0) {
            throw new IllegalArgumentException("turnsAnswered must not be negative");
        }
    }

    public LiveConversation answered(int turn) {
        return new LiveConversation(id, seed, Math.max(turnsAnswered, turn), refuseResume);
    }
}
