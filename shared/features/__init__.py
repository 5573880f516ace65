"""The features, one package each; shared.kit.registry finds them here. A feature's package
holds its messages, its engine part, its console and customer views and its texts; features
never import each other."""
