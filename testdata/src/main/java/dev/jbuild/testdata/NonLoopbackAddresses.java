package dev.jbuild.testdata;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/** Finds an address of this machine that is not loopback, to run registries the policy does not trust. */
public final class NonLoopbackAddresses {
  private NonLoopbackAddresses() {}

  /** The first IPv4 address of an interface that is up, neither loopback nor link-local. */
  public static Optional<InetAddress> firstIpv4() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(network -> {
          try {
            return network.isUp() && !network.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
            && !address.isLinkLocalAddress())
        .findFirst();
  }
}
