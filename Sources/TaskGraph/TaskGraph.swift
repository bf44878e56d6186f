// placeholder until the graph lands
