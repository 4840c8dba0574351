package dev.quotacli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.testing.MotoServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * IamAdapter against moto: the ambient account's alias. The ambient chain reads the system
 * properties set here; moto answers any plain key as its default account, whose alias the tests
 * create and delete.
 */
class IamAdapterIT {
  private static final String ALIAS = "quota-cli-iam-adapter-it";

  private final ApiStats stats = new ApiStats();
  private AwsClientFactory factory;

  @BeforeEach
  void ambientCredentials() {
    System.setProperty("aws.accessKeyId", "AKIAIAMADAPTERIT0001");
    System.setProperty("aws.secretAccessKey", "iam-adapter-it-secret");
    factory = TestClients.onMoto(stats);
    deleteAliases(factory.ambientIam());
  }

  @AfterEach
  void cleanUp() {
    try {
      deleteAliases(factory.ambientIam());
      factory.close();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  private static void deleteAliases(IamClient iam) {
    for (String alias : iam.listAccountAliases().accountAliases()) {
      iam.deleteAccountAlias(b -> b.accountAlias(alias));
    }
  }

  @Test
  void anAccountWithoutAliasHasNone() {
    Optional<String> alias =
        new IamAdapter(factory)
            .ambientAccountAlias(TestClients.guard(stats, MotoServer.DEFAULT_ACCOUNT, "us-east-1"));

    assertThat(alias).isEmpty();
    assertThat(stats.snapshot().get(new ApiStats.Key("iam", "ListAccountAliases")))
        .isEqualTo(new ApiStats.Counts(1, 0, 0));
  }

  @Test
  void theAccountsAliasIsRead() {
    factory.ambientIam().createAccountAlias(b -> b.accountAlias(ALIAS));

    Optional<String> alias =
        new IamAdapter(factory)
            .ambientAccountAlias(TestClients.guard(stats, MotoServer.DEFAULT_ACCOUNT, "us-east-1"));

    assertThat(alias).contains(ALIAS);
    assertThat(stats.calls("iam")).isEqualTo(1);
  }
}
