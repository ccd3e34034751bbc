package com.voicegateway.upstream.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Upstream sockets with Nagle's algorithm off. okio writes a request body in 8 KiB segments; with
 * Nagle on, each segment after the first waits for the previous one's ACK, which the receiver
 * delays (40 ms on Linux). A request over 8 KiB (a voice turn's inline audio, a long history) then
 * lost about 40 ms before the upstream even had it: measured 43 ms on a 6.7 s voice turn.
 */
final class NoDelaySockets extends SocketFactory {

    private final SocketFactory sockets = SocketFactory.getDefault();

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(sockets.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(sockets.createSocket(address, port, localAddress, localPort));
    }
}
