"""The secretariat's buttons on a new-initiative notice: assess, move to another domain, reject, ask."""
