"""Every write of the network, one room per seam: referrals and the directory of partners.

``from pik.network import services; services.referral_record(...)`` keeps working: the rooms'
services are re-exported here.
"""

from pik.network.services.directory import actor_accept, actor_save, actors_import
from pik.network.services.referrals import referral_record, referrals_anonymise

__all__ = [
    "actor_accept",
    "actor_save",
    "actors_import",
    "referral_record",
    "referrals_anonymise",
]
