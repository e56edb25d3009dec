"""The layout of a profiles folder, named once: the defaults layer and the folder of visits.

Shared by the catalog (which finds the files), the skeletons (whose comments name the defaults
file) and ``briefgen new`` (which writes into that layout), none of which imports the others for it.
"""

DEFAULTS = "defaults"
"""``PROFILES/defaults.yaml``: the layer every partner is merged over."""
VISITS = "visits"
"""``PROFILES/visits/NAME.yaml``: the visits, each merged over the partner it names."""
