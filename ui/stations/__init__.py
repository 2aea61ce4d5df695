"""The Stations screen (issue 8): the hub's stations, lots, and exchange through a chosen folder."""

from ui.stations.screen import StationsScreen, build_stations_screen

__all__ = ["StationsScreen", "build_stations_screen"]
