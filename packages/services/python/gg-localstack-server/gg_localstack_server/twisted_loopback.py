from localstack import config
from localstack.aws.serving.twisted import TLSMultiplexerFactory
from localstack.runtime.server.twisted import TwistedRuntimeServer
from rolo.gateway import Gateway
from rolo.serving.twisted import TwistedGateway
from twisted.internet import endpoints, reactor, ssl


class TwistedLoopbackRuntimeServer(TwistedRuntimeServer):
    """LocalStack's twisted server (same site, TLS multiplexing, thread pool, shutdown), except
    that each listener binds the interface GATEWAY_LISTEN names instead of 0.0.0.0."""

    def register(
        self,
        gateway: Gateway,
        listen: list[config.HostAndPort],
        ssl_creds: tuple[str, str] | None = None,
    ):
        factory = TwistedGateway(gateway)
        if ssl_creds:
            cert_file, key_file = ssl_creds
            context = ssl.DefaultOpenSSLContextFactory(key_file, cert_file)
            context.getContext().use_certificate_chain_file(cert_file)
            factory = TLSMultiplexerFactory(context, False, factory)

        for address in listen:
            endpoint_class = (
                endpoints.TCP6ServerEndpoint
                if config.is_ipv6_address(address.host)
                else endpoints.TCP4ServerEndpoint
            )
            endpoint_class(reactor, address.port, interface=address.host).listen(factory)
