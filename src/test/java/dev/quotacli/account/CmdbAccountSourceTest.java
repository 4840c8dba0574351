package dev.quotacli.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CmdbAccountSourceTest {

  @Test
  void redactUrlKeepsAUrlWithoutCredentials() {
    String url = "jdbc:mysql://cmdb.example:3306/cmdb?useSSL=true&connectTimeout=5000";

    assertThat(CmdbAccountSource.redactUrl(url)).isEqualTo(url);
  }

  @Test
  void redactUrlRemovesUserInfo() {
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://alice:s3cret@cmdb.example:3306/cmdb"))
        .isEqualTo("jdbc:mysql://cmdb.example:3306/cmdb");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://alice@cmdb.example/cmdb"))
        .isEqualTo("jdbc:mysql://cmdb.example/cmdb");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql+srv://alice:p%40ss@_mysql._tcp.example"))
        .isEqualTo("jdbc:mysql+srv://_mysql._tcp.example");
  }

  @Test
  void redactUrlRemovesUserInfoWhosePasswordHoldsAnAtSign() {
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://alice:p@ss@cmdb.example/cmdb"))
        .isEqualTo("jdbc:mysql://cmdb.example/cmdb");
  }

  @Test
  void redactUrlRemovesPasswordQueryParametersWherever() {
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://h/cmdb?password=x&useSSL=false"))
        .isEqualTo("jdbc:mysql://h/cmdb?useSSL=false");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://h/cmdb?user=alice&password=x&a=b"))
        .isEqualTo("jdbc:mysql://h/cmdb?user=alice&a=b");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://h/cmdb?password=x"))
        .isEqualTo("jdbc:mysql://h/cmdb");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://h/?PASSWORD=x&password1=y"))
        .isEqualTo("jdbc:mysql://h/");
  }

  @Test
  void redactUrlRemovesOtherPasswordProperties() {
    assertThat(
            CmdbAccountSource.redactUrl(
                "jdbc:mysql://h/cmdb?trustCertificateKeyStorePassword=x&sslMode=VERIFY_CA"))
        .isEqualTo("jdbc:mysql://h/cmdb?sslMode=VERIFY_CA");
  }

  @Test
  void redactUrlRemovesPasswordsFromKeyValueHosts() {
    assertThat(
            CmdbAccountSource.redactUrl(
                "jdbc:mysql://(host=h,port=3306,user=alice,password=x)/cmdb"))
        .isEqualTo("jdbc:mysql://(host=h,port=3306,user=alice)/cmdb");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://(password=x,host=h)/cmdb"))
        .isEqualTo("jdbc:mysql://(host=h)/cmdb");
    assertThat(CmdbAccountSource.redactUrl("jdbc:mysql://address=(host=h)(password=x)/cmdb"))
        .isEqualTo("jdbc:mysql://address=(host=h)/cmdb");
  }

  @Test
  void redactUrlPassesNullThrough() {
    assertThat(CmdbAccountSource.redactUrl(null)).isNull();
  }

  @Test
  void rejectsNonMysqlUrlsWithoutShowingThePassword() {
    assertThatThrownBy(
            () ->
                new CmdbAccountSource(
                    "jdbc:mariadb://h/cmdb?password=Hidden-Pw-1",
                    "alice",
                    null,
                    null,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the CMDB JDBC URL must start with jdbc:mysql: or jdbc:mysql+srv: (MariaDB servers"
                + " too), got jdbc:mariadb://h/cmdb");
  }

  @Test
  void toStringShowsTheRedactedUrlOnly() {
    CmdbAccountSource source =
        new CmdbAccountSource(
            "jdbc:mysql://alice:Url-Pw-1@h/cmdb?password=Url-Pw-2",
            "alice",
            new Secret("Given-Pw-3"),
            null,
            Duration.ofSeconds(5));

    assertThat(source).hasToString("CmdbAccountSource[jdbc:mysql://h/cmdb]");
  }

  @Test
  void enabledReadsBooleansNumbersAndWordsAndCountsNullAsEnabled() {
    assertThat(CmdbAccountSource.enabled(null)).isTrue();
    assertThat(CmdbAccountSource.enabled(Boolean.FALSE)).isFalse();
    assertThat(CmdbAccountSource.enabled(1L)).isTrue();
    assertThat(CmdbAccountSource.enabled(0)).isFalse();
    assertThat(CmdbAccountSource.enabled(new byte[] {0, 1})).isTrue();
    assertThat(CmdbAccountSource.enabled(" Yes ")).isTrue();
    assertThat(CmdbAccountSource.enabled("false")).isFalse();
    assertThat(CmdbAccountSource.enabled("maybe")).isNull();
  }
}
