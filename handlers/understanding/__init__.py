"""Understanding what people ask (issue 12): the intent inventory and the labelled examples it is measured on."""
