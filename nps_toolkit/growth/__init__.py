"""From score to money: does NPS predict repurchase and revenue here?

``growth_link`` joins every answer to the customer's orders (an order log read by
:func:`nps_toolkit.read_orders`) before and after it and compares promoters, passives and
detractors; ``value_of_moving`` puts
a revenue figure on moving customers up a category (an association, controlled for prior
spend and segments). Representativeness (``rake``, ``response_bias``) is in
:mod:`nps_toolkit.weights`.
"""

from .link import GrowthLink, growth_link
from .value import value_of_moving

__all__ = ["GrowthLink", "growth_link", "value_of_moving"]
