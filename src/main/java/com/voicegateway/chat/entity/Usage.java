package com.voicegateway.chat.entity;

public record Usage(int promptTokens, int outputTokens) {
}
