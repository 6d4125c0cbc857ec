"""From score to money: does NPS predict repurchase and revenue here?

``read_orders`` reads an order log; ``growth_link`` joins every answer to the customer's orders
before and after it and compares promoters, passives and detractors; ``value_of_moving`` puts
a revenue figure on moving customers up a category (an association, controlled for prior
spend and segments). Representativeness (``rake``, ``response_bias``) is in
:mod:`nps_toolkit.weights`.
"""

from .link import GrowthLink, growth_link
from .orders import read_orders
from .value import value_of_moving

__all__ = ["GrowthLink", "growth_link", "read_orders", "value_of_moving"]
