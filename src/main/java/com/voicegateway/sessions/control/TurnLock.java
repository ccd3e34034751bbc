package com.voicegateway.sessions.control;

/** A held turn lock; closing releases it if it is still ours, once (later closes do nothing). */
@FunctionalInterface
public interface TurnLock extends AutoCloseable {
    @Override
    void close();
}
