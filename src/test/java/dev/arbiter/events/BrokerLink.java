package dev.arbiter.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between Arbiter and the broker, on 127.0.0.1: a TCP relay on a port of its own
 * that the broker advertises to its clients, so every byte a client exchanges with the broker
 * passes here. {@link #cut()} is an outage (every connection dropped, new ones refused);
 * {@link #restore()} brings the broker back at the same address.
 */
final class BrokerLink implements AutoCloseable {

    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile int brokerPort;

    BrokerLink() throws IOException {
        server = bind(0);
        port = server.getLocalPort();
    }

    int port() {
        return port;
    }

    /** Relays to the broker at this port (where it really listens) from now on. */
    void relayTo(int brokerPort) {
        this.brokerPort = brokerPort;
        accept(server);
    }

    void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    void restore() throws IOException {
        server = bind(port);
        accept(server);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        return s;
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            Socket broker = new Socket(InetAddress.getByName("127.0.0.1"), brokerPort);
                            open.add(client);
                            open.add(broker);
                            pump(client, broker);
                            pump(broker, client);
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "broker-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException dropped) {
                        // the other side or cut() closed it
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "broker-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
