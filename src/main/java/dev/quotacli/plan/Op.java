package dev.quotacli.plan;

/**
 * An API operation as the self-metrics name it ({@code quota_cli_api_calls{service,operation}}).
 *
 * @param service the SDK service name, e.g. {@code servicequotas}, {@code ec2}, {@code monitoring}
 * @param operation e.g. {@code ListServiceQuotas}
 */
public record Op(String service, String operation) implements Comparable<Op> {
  @Override
  public int compareTo(Op o) {
    int c = service.compareTo(o.service);
    return c != 0 ? c : operation.compareTo(o.operation);
  }

  @Override
  public String toString() {
    return service + ":" + operation;
  }
}
