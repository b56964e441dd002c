from typing import ClassVar

from django.conf import settings
from django.db import models

from pik.core.scoping import DataKind, ScopePaths


class FundingRecord(models.Model):
    kreis = models.ForeignKey("orgs.Kreis", on_delete=models.CASCADE)
    gemeinde = models.ForeignKey("orgs.Gemeinde", on_delete=models.CASCADE, null=True)
    provider = models.ForeignKey("orgs.Provider", on_delete=models.CASCADE, null=True)

    scope: ClassVar = ScopePaths(
        DataKind.FUNDING, kreis="kreis_id", gemeinde="gemeinde_id", provider="provider_id"
    )

    def __str__(self) -> str:
        return f"FundingRecord {self.pk}"


class CaseRecord(models.Model):
    kreis = models.ForeignKey("orgs.Kreis", on_delete=models.CASCADE)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shared_with = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")

    scope: ClassVar = ScopePaths(
        DataKind.CASEWORK, kreis="kreis_id", owner="owner_id", shared_with="shared_with"
    )

    def __str__(self) -> str:
        return f"CaseRecord {self.pk}"
