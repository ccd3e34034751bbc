package com.voicegateway.relay.entity;

public record Usage(int promptTokens, int outputTokens) {
}
