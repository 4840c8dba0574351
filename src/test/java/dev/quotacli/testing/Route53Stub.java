package dev.quotacli.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.util.UUID;

/**
 * A WireMock server (127.0.0.1, dynamic port) that answers like Route 53's GetAccountLimit, which
 * moto 5.2.1 lacks. Route 53 is REST-XML: the SDK sends {@code GET /2013-04-01/accountlimit/<Type>}
 * and reads {@code GetAccountLimitResponse}. A type that was not stubbed gets WireMock's 404, so a
 * forgotten stub does not look like an AWS answer. Thread-safe.
 */
public final class Route53Stub implements AutoCloseable {
  public static final String ACCOUNT_LIMIT_PATH = "/2013-04-01/accountlimit/";
  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final WireMockServer server;

  private Route53Stub() {
    server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  public static Route53Stub start() {
    return new Route53Stub();
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's endpoint override. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** GetAccountLimit for {@code type} answers the limit and the count (the usage). */
  public Route53Stub accountLimit(String type, long limit, long count) {
    String body =
        "<?xml version=\"1.0\"?>\n<GetAccountLimitResponse xmlns=\""
            + NS
            + "\"><Limit><Type>"
            + type
            + "</Type><Value>"
            + limit
            + "</Value></Limit><Count>"
            + count
            + "</Count></GetAccountLimitResponse>";
    server.stubFor(get(urlPathEqualTo(ACCOUNT_LIMIT_PATH + type)).willReturn(xml(200, body)));
    return this;
  }

  /** GetAccountLimit for {@code type} fails with a Route 53 error, e.g. 403 AccessDenied. */
  public Route53Stub accountLimitError(String type, int status, String code, String message) {
    String body =
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>";
    server.stubFor(get(urlPathEqualTo(ACCOUNT_LIMIT_PATH + type)).willReturn(xml(status, body)));
    return this;
  }

  /** GetAccountLimit requests received for one type. */
  public int accountLimitRequests(String type) {
    return server
        .countRequestsMatching(getRequestedFor(urlPathEqualTo(ACCOUNT_LIMIT_PATH + type)).build())
        .getCount();
  }

  /** All requests received. */
  public int requests() {
    return server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
  }

  /** Forgets stubs and received requests. */
  public void reset() {
    server.resetAll();
  }

  private static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
