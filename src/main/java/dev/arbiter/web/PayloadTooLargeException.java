package dev.arbiter.web;

public final class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(long limit) {
        super("the request body exceeds the limit of " + limit + " bytes; send a smaller body");
    }
}
