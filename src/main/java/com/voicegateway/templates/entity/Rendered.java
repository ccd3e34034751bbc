package com.voicegateway.templates.entity;

/** A template rendered with one set of variables. */
public record Rendered(String id, long version, String text) {
}
