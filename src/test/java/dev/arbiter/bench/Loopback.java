package dev.arbiter.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The load tools' guard: they send to loopback addresses only. */
final class Loopback {

    private Loopback() {}

    /** {@code localhost} or a loopback IP literal; names are never resolved, so nothing is looked up elsewhere. */
    static boolean host(String host) throws UnknownHostException {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = literal.matches("[0-9.]+") || literal.contains(":");
        return ipLiteral && InetAddress.getByName(literal).isLoopbackAddress();
    }
}
